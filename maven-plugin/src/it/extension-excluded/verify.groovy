// The extension left off the test class path: no events were written, so the check fails loudly and says why,
// exactly as when the listener is deactivated
evaluate(new File(basedir, '../../../src/it/listener-deactivated/verify.groovy'))
