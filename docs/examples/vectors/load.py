import json
import pathlib

family = json.loads(pathlib.Path("testdata/itk-vectors/vectors/seed.json").read_text("utf-8"))
for vector in (v for v in family["vectors"] if v["result"] == "valid"):
    # Sign vector["input"] and compare with vector["expected"].
    print(vector["id"], vector["expected"]["signature"])
