/** In-Band Registration (XEP-0077). */
package org.parley.server.modules.register;
