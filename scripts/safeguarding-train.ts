/**
 * `npm run safeguarding:train`: trains the learnt net on the floored labelled sets (never on an unseen
 * one) and writes src/domain/safeguarding/screening/model-weights.json; prints the cross-validated
 * figures and the threshold chosen from them. Run it after adding a labelled set to SETS.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETS, loadSet } from '../test/safeguarding/evaluate';
import { CV_FALSE_POSITIVES, train } from '../test/safeguarding/train';

const { model, crossValidation } = train(Object.fromEntries(SETS.map((name) => [name, loadSet(name)])));
for (const c of crossValidation) {
  console.log(`threshold ${c.threshold.toFixed(2)}: cross-validated recall ${(100 * c.recall).toFixed(1)}%, false positives ${(100 * c.falsePositives).toFixed(1)}%`);
}
console.log(`chosen threshold ${model.threshold} (the lowest with the net's own false positives at most ${100 * CV_FALSE_POSITIVES}%); ${Object.keys(model.weights).length} weights`);
writeFileSync(join(__dirname, '../src/domain/safeguarding/screening/model-weights.json'), `${JSON.stringify(model)}\n`);
