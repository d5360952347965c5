/** An application with its own JCache manager, which the starter leaves alone. */
package io.cairn.integration.own;
