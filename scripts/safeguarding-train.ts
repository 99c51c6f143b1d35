/**
 * `npm run safeguarding:train`: trains the learnt net on the floored labelled sets (never on an unseen
 * one) and writes src/domain/safeguarding/screening/model-weights.json (and the category namer's
 * category-weights.json); prints the cross-validated
 * figures and the threshold chosen from them. Run it after adding a labelled set to SETS.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETS, loadSet } from '../test/safeguarding/evaluate';
import { train, trainCategories } from '../test/safeguarding/train';

const sets = Object.fromEntries(SETS.map((name) => [name, loadSet(name)]));
const { model, crossValidation } = train(sets);
for (const c of crossValidation) {
  console.log(`threshold ${c.threshold.toFixed(2)}: cross-validated recall ${(100 * c.recall).toFixed(1)}%, false positives ${(100 * c.falsePositives).toFixed(1)}%`);
}
console.log(`chosen threshold ${model.threshold} (the most held-out recall minus false positives); ${Object.keys(model.weights).length} weights`);
writeFileSync(join(__dirname, '../src/domain/safeguarding/screening/model-weights.json'), `${JSON.stringify(model)}\n`);

// The category namer (category-model.ts): names "possibly: …" on an alert only a net raised.
const categories = trainCategories(sets);
const cv = categories.crossValidation;
console.log(
  `category namer: cross-validated on held-out disclosures, best category right ${(100 * cv.top1).toFixed(1)}%, ` +
    `labelled category among those named ${(100 * cv.named).toFixed(1)}% (${cv.namesPerAlert.toFixed(2)} named per alert); ${Object.keys(categories.model.weights).length} features kept`
);
writeFileSync(join(__dirname, '../src/domain/safeguarding/screening/category-weights.json'), `${JSON.stringify(categories.model)}\n`);
