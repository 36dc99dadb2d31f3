package org.parley.it;

/** The chat conversation on the embedded H2 store. */
class H2ChatTest extends AbstractChatTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
