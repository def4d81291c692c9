// Runs stemmers.js (argv[2]) as a plain script in an empty context (no require, no DOM: what the
// search page gets), then stems each stdin line "code<TAB>word", one stem a line on stdout.
'use strict';
const fs = require('fs');
const vm = require('vm');
const context = {};
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), context, { filename: 'stemmers.js' });
const stems = fs.readFileSync(0, 'utf8').split('\n').filter((line) => line !== '').map((line) => {
  const [code, word] = line.split('\t');
  return context.HexaglotStemmers[code](word);
});
process.stdout.write(stems.map((stem) => stem + '\n').join(''));
