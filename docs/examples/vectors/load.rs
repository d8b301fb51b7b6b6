fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("testdata/itk-vectors/vectors/seed.json")?;
    let family: serde_json::Value = serde_json::from_str(&text)?;
    for vector in family["vectors"].as_array().ok_or("no vectors")? {
        if vector["result"] == "valid" {
            // Sign vector["input"] and compare with vector["expected"].
            let (id, signature) = (&vector["id"], &vector["expected"]["signature"]);
            println!("{} {}", id.as_str().unwrap(), signature.as_str().unwrap());
        }
    }
    Ok(())
}
