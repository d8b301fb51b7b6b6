const fs = require("node:fs");

const family = JSON.parse(fs.readFileSync("testdata/itk-vectors/vectors/seed.json", "utf8"));
for (const vector of family.vectors.filter((v) => v.result === "valid")) {
  // Sign vector.input and compare with vector.expected.
  console.log(vector.id, vector.expected.signature);
}
