// The explanation under a result: the factors chart and the what-if controls (what the percentage is
// relative to is the result view's own line). The disease's published schema supplies units, code labels and which inputs a person can change.
import { getJson } from "./api.js";
import { factorsView } from "./factors-view.js";
import { whatIfView } from "./what-if.js";

const schemas = new Map();

function schemaOf(disease) {
  if (!schemas.has(disease)) {
    schemas.set(disease, getJson(`/api/predict/${disease}`).catch((error) => {
      schemas.delete(disease);
      throw error;
    }));
  }
  return schemas.get(disease);
}

/** Fills the container; without the schema the factors still show, with the values as numbers. */
export async function showExplanation(container, prediction) {
  container.replaceChildren(...[factorsView(prediction)].filter(Boolean));
  let schema = null;
  try {
    schema = await schemaOf(prediction.disease);
  } catch {
    return;
  }
  const fields = new Map(schema.fields.map(f => [f.name, f]));
  container.replaceChildren(...[factorsView(prediction, fields), whatIfView(prediction, schema)].filter(Boolean));
}
