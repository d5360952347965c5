/**
 * Keeps the guides in docs/ honest: {@link io.cairn.integration.guides.GuideSnippets} checks that
 * each code block a guide marks as a snippet is exactly the file (or the tagged region of it) that
 * an integration module compiles and runs.
 *
 * <p>Conventions: parameters and return values are non-null; a mismatch is an {@link
 * java.lang.AssertionError}, for the tests that call it.
 */
package io.cairn.integration.guides;
