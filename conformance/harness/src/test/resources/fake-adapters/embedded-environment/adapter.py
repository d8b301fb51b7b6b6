"""An adapter for the embedded runner that says what environment it sees (names, never values).

The embedded runner loads issuetrak_signer, issuetrak_client and adapter from the folder, then
calls adapter.main(stdin, stdout, stderr).
"""
import json
import os


def main(stdin, stdout, stderr):
    stderr.write("PATH: " + ("set" if "PATH" in os.environ else "not set") + "\n")
    stderr.write("ITK_API_KEY: " + ("set" if "ITK_API_KEY" in os.environ else "not set") + "\n")
    stderr.write("variable names: " + ",".join(sorted(os.environ)) + "\n")
    for line in stdin:
        cmd = json.loads(line)
        seq, name = cmd["seq"], cmd["cmd"]
        if name == "start":
            answer = {"result": {"protocolVersion": 1, "language": "python",
                                 "implementation": "embedded-environment", "runtime": "GraalPy",
                                 "scenarios": []}}
        elif name == "stop":
            stdout.write(json.dumps({"seq": seq, "result": {}}) + "\n")
            return 0
        else:
            answer = {"skipped": {"reason": "this adapter only reports its environment"}}
        stdout.write(json.dumps(dict(answer, seq=seq)) + "\n")
    return 0
