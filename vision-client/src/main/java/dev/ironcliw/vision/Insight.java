package dev.ironcliw.vision;

/**
 * What the vision model said about a batch of changed frames.
 *
 * @param activity what the user is doing, in a sentence
 * @param app the application in front, empty when the model could not tell
 * @param needsHelp whether the user may need help now: such insights are proactive notices
 * @param suggestion what would help, empty when there is nothing to suggest
 * @param confidence the model's confidence, 0 to 1
 */
public record Insight(
    String activity, String app, boolean needsHelp, String suggestion, double confidence) {}
