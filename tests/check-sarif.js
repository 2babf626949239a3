// check-sarif.js — validates SARIF logs against the SARIF 2.1.0 JSON schema
// (sarif-2.1.0-rtm.5, the OASIS standard's, as shipped by the npm package
// @microsoft/jest-sarif) with ajv 6, which that package brings along.
// Usage: node tests/check-sarif.js NODE_MODULES FICHIER.sarif…
'use strict';
const fs = require('fs');
const path = require('path');

// Resolved: require() takes a bare relative path for a package name.
const modules = path.resolve(process.argv[2]);
const Ajv = require(path.join(modules, 'ajv'));
const schema = require(path.join(modules, '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
const ajv = new Ajv({ schemaId: 'auto', allErrors: true, format: 'full' });
ajv.addMetaSchema(require(path.join(modules, 'ajv/lib/refs/json-schema-draft-04.json')));
const validate = ajv.compile(schema);

let failed = 0;
let results = 0;
for (const file of process.argv.slice(3)) {
	const log = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (!validate(log)) {
		failed++;
		console.log(`ÉCHEC : ${file} n’est pas du SARIF 2.1.0 valide`);
		for (const e of validate.errors.slice(0, 10))
			console.log(`  ${e.dataPath} ${e.message}`);
		continue;
	}
	for (const run of log.runs)
		results += run.results.length;
}
console.log(`sarif : ${process.argv.length - 3 - failed} réussis, ${failed} échoués (${results} résultats)`);
process.exit(failed ? 1 : 0);
