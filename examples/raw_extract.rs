// Dev helper (not committed): html::extract blocks without the chrome analysis.
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap();
    let out = args.next().unwrap();
    std::fs::create_dir_all(&out).unwrap();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let b = std::fs::read(&p).unwrap();
        let html = newsnlp::ingest::decode_html_bytes(&b);
        let page = newsnlp::clean::html::extract(&html);
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        std::fs::write(format!("{out}/{stem}.txt"), page.blocks.join("\n\n")).unwrap();
    }
}
