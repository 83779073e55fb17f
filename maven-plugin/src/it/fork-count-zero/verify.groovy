// forkCount=0: the tests run in Maven's own JVM; three builds in a row without clean, each counts only its own run
jvmsPerBuild = 1
evaluate(new File(basedir, '../../../src/it/rerun-without-clean/verify.groovy'))
