package io.portalgo.config;

/** The text a property got and where it came from; parsed later, so every error can name both. */
record Assignment(String text, Origin origin) {
}
