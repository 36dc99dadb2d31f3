package org.parley.it;

/** The message archive on the embedded H2 store. */
class H2MessageArchiveTest extends AbstractMessageArchiveTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
