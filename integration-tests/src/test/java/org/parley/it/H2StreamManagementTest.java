package org.parley.it;

/** Stream management and client state indication on the embedded H2 store. */
class H2StreamManagementTest extends AbstractStreamManagementTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
