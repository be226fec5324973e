/**
 * Reading input files: YAML that remembers the position of every key ({@link YamlDocument}, {@link Node}),
 * checks against the JSON Schemas shipped in the jar ({@link SchemaCheck}), files bundled in the jar ({@link
 * Bundled}), and the one input-error type, {@link ConfigException}, whose message is {@code file:line:col:
 * key.path: problem}.
 *
 * <p>Depends on: nothing in Arrayflow.
 */
package org.arrayflow.config;
