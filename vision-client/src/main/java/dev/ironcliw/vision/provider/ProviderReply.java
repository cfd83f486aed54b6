package dev.ironcliw.vision.provider;

/**
 * The useful part of a provider's reply.
 *
 * @param text the model's text
 * @param inputTokens tokens the provider counted for the request, 0 when it did not say
 * @param outputTokens tokens of the reply, 0 when it did not say
 */
public record ProviderReply(String text, long inputTokens, long outputTokens) {}
