// The risk as a person reads it: a whole percentage, never more precise than the model, and never one
// that contradicts the category (29.6% is Low, so it is "just under 30%", not "30%"). The API keeps its
// precision; Functions/Predictions/RiskText.cs says the same on the no-JavaScript pages.

/** "46%", "less than 1%", "just under 30%"… for a riskPercentage (0–100) and its category. */
export function percentText(riskPercentage, category) {
  const whole = Math.round(riskPercentage);
  if (riskPercentage < 1) {
    return "less than 1%";
  }
  if (riskPercentage > 99) {
    return "more than 99%";
  }
  if (category === "Low" && whole >= 30) {
    return "just under 30%";
  }
  if (category === "High" && whole <= 60) {
    return "just over 60%";
  }
  return `${whole}%`;
}

/**
 * What the percentage is relative to: the answer's own sentence (from the served model's manifest, which
 * knows whether the percentage was corrected to a population's prevalence), else the people the model
 * learned from; then who they were (from the schema).
 */
export function relativeTo(schema, prediction) {
  if (schema?.synthetic) {
    return "This model learned from synthetic data, not from people: the percentage says nothing about a real person.";
  }
  const name = schema?.displayName ?? "the condition";
  const relative = prediction?.model?.population?.relativeTo ??
    `Among people with values like these in the data the model learned from, about this share had ${name[0].toLowerCase()}${name.slice(1)}.`;
  return `${relative} The model learned from: ${schema?.population?.description ?? "not stated."}`;
}
