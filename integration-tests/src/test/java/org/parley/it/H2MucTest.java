package org.parley.it;

/** The group chat conversation on the embedded H2 store. */
class H2MucTest extends AbstractMucTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
