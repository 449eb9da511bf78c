use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        pages.push(std::fs::read(&p).unwrap());
    }
    let n = pages.len() as f64;
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let t = Instant::now();
    let texts: Vec<String> = pages.iter().map(|b| newsnlp::ingest::decode_html_bytes(b)).collect();
    let s = t.elapsed().as_secs_f64();
    println!("decode: {:.3}s {:.0} pages/s {:.1} MB/s", s, n / s, bytes as f64 / s / 1e6);
    let t = Instant::now();
    let mut k = 0;
    for h in &texts { k += newsnlp::clean::html::dom::Dom::parse(h).nodes.len(); }
    let s = t.elapsed().as_secs_f64();
    println!("arena: {:.3}s {:.0} pages/s {:.1} MB/s nodes {k}", s, n / s, bytes as f64 / s / 1e6);
    let t = Instant::now();
    let mut k = 0;
    for h in &texts { k += scraper::Html::parse_document(h).tree.nodes().count(); }
    let s = t.elapsed().as_secs_f64();
    println!("scraper: {:.3}s {:.0} pages/s {:.1} MB/s nodes {k}", s, n / s, bytes as f64 / s / 1e6);
    let t = Instant::now();
    let mut k = 0;
    for h in &texts { k += newsnlp::clean::html::extract(h).blocks.len(); }
    let s = t.elapsed().as_secs_f64();
    println!("baseline extract: {:.3}s {:.0} pages/s blocks {k}", s, n / s);
}
