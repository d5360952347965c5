/**
 * Tests of the region factory: its fences alone, and several session factories (one per simulated
 * node, each with its own cache manager on one JGroups cluster over the shared loopback transport)
 * on one H2 database.
 */
package io.cairn.hibernate;
