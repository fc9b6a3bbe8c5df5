/**
 * Reading Encours's layered YAML configuration files: a default shipped as a resource, an optional
 * user override whose keys replace the default's (maps merge deeply, lists and values replace
 * whole), and a typed cursor ({@link org.encours.core.config.ConfigNode}) that checks every key,
 * type and range and fails with a {@link org.encours.core.UserFacingException} naming the file and
 * the key.
 */
package org.encours.core.config;
