//! Print the five most likely next tokens after a token-id list (comma-separated), and with
//! a second argument write all logits there (little-endian f32), for comparing runtimes by hand.
fn main() {
    let ids: Vec<u32> = std::env::args()
        .nth(1)
        .expect("ids")
        .split(',')
        .map(|s| s.parse().unwrap())
        .collect();
    let model = hexacoder_model::Model::load("smollm2").unwrap();
    let l = model.logits(&ids).unwrap();
    let mut idx: Vec<usize> = (0..l.len()).collect();
    idx.sort_by(|&a, &b| l[b].total_cmp(&l[a]));
    let top: Vec<(usize, f32)> = idx[..5]
        .iter()
        .map(|&i| (i, (l[i] * 1000.0).round() / 1000.0))
        .collect();
    println!("{top:?}");
    if let Some(out) = std::env::args().nth(2) {
        let bytes: Vec<u8> = l.iter().flat_map(|v| v.to_le_bytes()).collect();
        std::fs::write(out, bytes).unwrap();
    }
}
