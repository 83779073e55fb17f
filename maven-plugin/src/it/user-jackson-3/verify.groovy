// The same checks as user-jackson-2.12: AUTHENTIC, the report written beside the user's own Jackson
return evaluate(new File(basedir, '../../../src/it/user-jackson-2.12/verify.groovy'))
