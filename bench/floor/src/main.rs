//! `floor SOURCE DEST [THREADS]`: reads every file under SOURCE (a built
//! site) into memory, then times only creating the same folders and files
//! with the same bytes under DEST, a new folder, with THREADS threads (2 by
//! default, as many as the build uses here). Prints the seconds, the files
//! and the bytes: how fast this machine's disk and kernel can take the
//! build's output, whatever renders it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, source, dest, rest @ ..] = args.as_slice() else {
        eprintln!("usage: floor SOURCE DEST [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = rest.first().and_then(|t| t.parse().ok()).unwrap_or(2);
    let dest = Path::new(dest);
    if dest.exists() {
        eprintln!("{} exists: give a new folder", dest.display());
        std::process::exit(2);
    }
    let mut files = Vec::new();
    read_tree(Path::new(source), Path::new(""), &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let start = Instant::now();
    fs::create_dir_all(dest).expect("create the destination");
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, content)) = files.get(i) else { break };
                    let target = dest.join(path);
                    // Folders as a build makes them: when a file needs one.
                    if let Some(parent) = target.parent() {
                        fs::create_dir_all(parent).expect("create a folder");
                    }
                    fs::write(&target, content).expect("write a file");
                }
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    println!("{seconds:.3}\t{}\t{bytes}", files.len());
}

fn read_tree(root: &Path, relative: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(root.join(relative)).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let path = relative.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            read_tree(root, &path, files);
        } else {
            let content = fs::read(root.join(&path)).expect("read a file");
            files.push((path, content));
        }
    }
}
