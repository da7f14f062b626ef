//! Continuous batching on the embedded model: jobs that join and leave a running batch give
//! exactly the text they give alone, and their streamed pieces add up to that text.
//! Needs the embedded model (`bash scripts/setup` installs it).

use std::collections::HashMap;

use hexacoder_model::batch::{Engine, Event};
use hexacoder_model::{GenerateOptions, Generation, Language, Model, SamplingParams};

fn jobs() -> Vec<(&'static str, GenerateOptions)> {
    let py = GenerateOptions {
        n: 3,
        max_new_tokens: 40,
        truncate: Some(Language::Python),
        sampling: SamplingParams {
            temperature: 0.8,
            seed: 7,
            ..SamplingParams::default()
        },
        ..GenerateOptions::default()
    };
    vec![
        (
            "import os\n\ndef list_files(path):\n    \"\"\"List the files under path.\"\"\"\n",
            py.clone(),
        ),
        (
            "#include <stdio.h>\n\nint main(int argc, char **argv) {\n",
            GenerateOptions {
                n: 2,
                max_new_tokens: 30,
                truncate: Some(Language::C),
                stop: vec!["return".into()],
                ..GenerateOptions::default()
            },
        ),
        (
            "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route('/ping')\ndef ping():\n",
            GenerateOptions {
                two_step: Some(10),
                language: Some(Language::Python),
                max_new_tokens: 35,
                ..py.clone()
            },
        ),
        (
            "The capital of France is",
            GenerateOptions {
                n: 1,
                max_new_tokens: 12,
                sampling: SamplingParams::greedy(),
                ..GenerateOptions::default()
            },
        ),
    ]
}

#[test]
fn batched_jobs_equal_their_solo_runs() {
    let model = Model::load("smollm2").expect("the embedded model (run `bash scripts/setup`)");
    let jobs = jobs();
    let solo: Vec<Generation> = jobs
        .iter()
        .map(|(p, o)| model.generate(p, o, &mut |_, _| true).unwrap())
        .collect();

    let mut engine = Engine::new(&model);
    let mut done: HashMap<u64, Generation> = HashMap::new();
    let mut streamed: HashMap<(u64, usize), String> = HashMap::new();
    let mut max_rows = 0;
    // Jobs join two steps apart, so each one enters a batch that is already running.
    let mut steps = 0;
    while done.len() < jobs.len() {
        if steps % 2 == 0 && steps / 2 < jobs.len() {
            let id = steps / 2;
            let (p, o) = &jobs[id];
            engine.admit(id as u64, p, o.clone()).unwrap();
        }
        max_rows = max_rows.max(engine.rows());
        engine.step(&mut |e| {
            match e {
                Event::Text {
                    job, index, delta, ..
                }
                | Event::Finished {
                    job, index, delta, ..
                } => streamed.entry((job, index)).or_default().push_str(delta),
                Event::Done { job, generation } => {
                    done.insert(job, generation);
                }
                Event::Failed { job, error } => panic!("job {job} failed: {error}"),
            }
            true
        });
        steps += 1;
        assert!(steps < 1000, "the engine does not finish");
    }
    assert!(engine.is_idle());
    assert!(max_rows >= 6, "at most {max_rows} samples decoded together");
    for (id, want) in solo.iter().enumerate() {
        let got = &done[&(id as u64)];
        assert_eq!(got, want, "job {id} differs when batched");
        for (index, c) in got.completions.iter().enumerate() {
            assert_eq!(
                streamed.get(&(id as u64, index)).map_or("", String::as_str),
                c.text,
                "streamed pieces of job {id} sample {index}"
            );
        }
    }
    // The two-step job really added imports above its body, and the C job stopped at "return".
    assert_eq!(solo[1].completions.len(), 2);
    assert!(solo[2].prompt.len() >= jobs[2].0.len());
}

#[test]
fn cancelled_job_leaves_the_others_alone() {
    let model = Model::load("smollm2").unwrap();
    let jobs = jobs();
    let want = model
        .generate(jobs[0].0, &jobs[0].1, &mut |_, _| true)
        .unwrap();
    let mut engine = Engine::new(&model);
    engine.admit(1, jobs[0].0, jobs[0].1.clone()).unwrap();
    engine.admit(2, jobs[1].0, jobs[1].1.clone()).unwrap();
    let mut got = None;
    for step in 0..200 {
        if step == 3 {
            engine.cancel(2);
        }
        engine.step(&mut |e| {
            match e {
                Event::Done { job: 2, .. } if step >= 3 => panic!("a cancelled job reported"),
                Event::Done { job: 1, generation } => got = Some(generation),
                _ => {}
            }
            true
        });
        if engine.is_idle() {
            break;
        }
    }
    assert_eq!(got.unwrap(), want);
    // A prompt past the context window is refused at admission, leaving the engine empty.
    let long = "x ".repeat(9000);
    let err = engine
        .admit(3, &long, GenerateOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("context window"), "{err}");
    assert!(engine.is_idle());
}
