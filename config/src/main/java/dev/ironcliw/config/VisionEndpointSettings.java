package dev.ironcliw.config;

/**
 * Where one vision provider is and which model to ask.
 *
 * @param model the model named in each request
 * @param baseUrl the API's base URL, without a trailing slash
 * @param keyFile a file holding the API key, or empty
 */
public record VisionEndpointSettings(String model, String baseUrl, String keyFile) {}
