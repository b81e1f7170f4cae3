// Runs the web book's answer checking (_static/cnn-exercises.js) under Node on the jobs
// tests/test_answers.py writes to stdin; prints the results as JSON.
"use strict";
const core = require("../_static/cnn-exercises.js");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const R = input.reading;
const run = {
  read: (j) => core.readField(j.field, j.text, R),
  particle: (j) => core.particle(j.word, j.kind, R),
  judge: (j) => core.judge(j.group, j.check, j.answers, R, j.wrong_before),
  format: (j) => core.formatNumber(j.value, j.decimals),
  describe: (j) => {
    const map = core.conv3(j.image, j.kernel);
    return core.describe(map, j.image.shape[1], j.template, j.decimals);
  },
  grid: (j) => core.sizeGrid(...j.args),
};
process.stdout.write(JSON.stringify(input.jobs.map((j) => run[j.op](j))));
