// Soft checks from the schema (plausibility): values each in range but unusual together, most often a
// slipped decimal point or another unit. They never block a value and never change one: the page shows
// the message beside the field with a "did you mean" the person can accept. The server runs the same
// checks (Diseases/Fields/PlausibilityCheck.cs) and repeats them in the answer's warnings.

const holds = (condition, valueOf) => {
  const value = valueOf(condition.field);
  const bound = condition.timesField ? condition.value * valueOf(condition.timesField) : condition.value;
  if (Number.isNaN(value) || Number.isNaN(bound)) {
    return false;
  }
  return condition.comparison === "atLeast" ? value >= bound : value < bound;
};

/** A suggested value to three significant digits, as the server rounds it. */
export const suggest = (value) => Number(value.toPrecision(3));

/** The checks that speak for these values (in the fields' units; NaN for a value not given): [{ field, message, suggestion }]. */
export function warningsFor(schema, valueOf) {
  return (schema?.plausibility ?? [])
    .filter(check => check.when.every(c => holds(c, valueOf)))
    .map(check => ({
      field: check.field,
      message: check.message,
      suggestion: check.suggestFactor ? suggest(valueOf(check.field) * check.suggestFactor) : null,
    }));
}
