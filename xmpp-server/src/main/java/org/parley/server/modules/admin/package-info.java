/** Service administration (XEP-0133) over ad-hoc commands (XEP-0050). */
package org.parley.server.modules.admin;
