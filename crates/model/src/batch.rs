//! Continuous batching: the samples of many generation jobs (different prompts, options and
//! lengths) advance together, one forward pass per token over every live sample, and jobs
//! join or leave between passes. A server admits requests as they come instead of running
//! them one after another; [`Model::generate`] is one job run to completion, so a job gives
//! the same text whether it ran alone or beside others.
//!
//! Each job keeps its prompt's KV cache once (shared by its `n` samples); two-step jobs run
//! their import step as a one-sample phase, then start the body phase on the augmented prompt.

use crate::error::{ModelError, Result};
use crate::forward::{try_forward_prefixed, KvCache};
use crate::generate::{
    split_imports, two_step_prompt, Completion, FinishReason, GenerateOptions, Generation, Language,
};
use crate::model::Model;
use crate::sampling::Sampler;

/// The caller's name for a job.
pub type JobId = u64;

/// What a step of the engine reports.
#[derive(Debug)]
pub enum Event<'a> {
    /// Sample `index` of `job` grew to `text` (all of it so far, unfiltered). `delta` is the
    /// new text that is safe to show: nothing a stop string or the truncation rule could still
    /// take back, and no half-decoded UTF-8. The callback returns `false` to cancel the sample.
    Text {
        job: JobId,
        index: usize,
        text: &'a str,
        delta: &'a str,
    },
    /// Sample `index` of `job` finished; `delta` is the rest of its text not yet shown.
    Finished {
        job: JobId,
        index: usize,
        delta: &'a str,
        completion: &'a Completion,
    },
    /// Every sample of `job` finished; the job has left the engine.
    Done { job: JobId, generation: Generation },
    /// `job` failed (the two-step body prompt did not fit, …) and has left the engine.
    Failed { job: JobId, error: ModelError },
}

struct Seq {
    sampler: Sampler,
    ids: Vec<u32>,
    /// The token sampled last, not yet looked at.
    next: u32,
    cache: KvCache,
    /// Bytes of text already reported as deltas.
    shown: usize,
    done: Option<Completion>,
}

struct Job {
    id: JobId,
    opts: GenerateOptions,
    /// The options of the running phase (the import step runs one sample, no stop rules).
    phase_opts: GenerateOptions,
    /// While the import step of two-step generation runs: the prompt's imports and the rest.
    split: Option<(String, String, Language)>,
    prompt: String,
    prompt_tokens: usize,
    prefix: KvCache,
    budget: usize,
    seqs: Vec<Seq>,
    added_imports: Vec<String>,
}

/// A continuous-batching generation engine over one model.
pub struct Engine<'m> {
    model: &'m Model,
    jobs: Vec<Job>,
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model) -> Engine<'m> {
        Engine {
            model,
            jobs: Vec::new(),
        }
    }

    /// Live samples (rows of the next forward pass).
    pub fn rows(&self) -> usize {
        self.jobs
            .iter()
            .map(|j| j.seqs.iter().filter(|s| s.done.is_none()).count())
            .sum()
    }

    pub fn is_idle(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Start a job: validates the options and the prompt, then runs the prompt's prefill (the
    /// only expensive part of admission). Errors leave the engine unchanged.
    pub fn admit(&mut self, id: JobId, prompt: &str, opts: GenerateOptions) -> Result<()> {
        opts.validate()?;
        let split = match (opts.two_step, opts.language) {
            (Some(_), Some(lang)) => {
                let (imports, rest) = split_imports(prompt, lang);
                (!imports.is_empty()).then_some((imports, rest, lang))
            }
            _ => None,
        };
        let mut job = Job {
            id,
            phase_opts: opts.clone(),
            opts,
            split: None,
            prompt: String::new(),
            prompt_tokens: 0,
            prefix: KvCache::default(),
            budget: 0,
            seqs: Vec::new(),
            added_imports: Vec::new(),
        };
        match split {
            Some((imports, rest, lang)) => {
                let step1 = GenerateOptions {
                    n: 1,
                    stop: Vec::new(),
                    truncate: None,
                    ..job.opts.clone()
                };
                let tokens = job.opts.two_step.unwrap_or(20);
                self.start_phase(&mut job, &imports, step1, tokens)?;
                job.split = Some((imports, rest, lang));
            }
            None => {
                let (opts, max) = (job.opts.clone(), job.opts.max_new_tokens);
                self.start_phase(&mut job, prompt, opts, max)?;
            }
        }
        self.jobs.push(job);
        Ok(())
    }

    /// Drop a job (its client went away); nothing more is reported for it.
    pub fn cancel(&mut self, id: JobId) {
        self.jobs.retain(|j| j.id != id);
    }

    /// Prefill `prompt` and sample the first token of each of the phase's samples.
    fn start_phase(
        &self,
        job: &mut Job,
        prompt: &str,
        opts: GenerateOptions,
        max_new_tokens: usize,
    ) -> Result<()> {
        let model = self.model;
        let ids = model.tokenizer.encode(prompt)?;
        model.check_tokens(&ids, 1)?;
        let mut prefix = [KvCache::new(&model.config)];
        let logits = try_forward_prefixed(
            &model.config,
            &model.weights,
            &ids,
            &[None],
            &mut prefix,
            ids.len(),
        )?;
        let [prefix] = prefix;
        job.seqs = (0..opts.n)
            .map(|i| {
                let mut sampler = Sampler::new(opts.sampling, i as u64);
                let next = sampler.sample(&logits);
                Seq {
                    sampler,
                    ids: Vec::new(),
                    next,
                    cache: KvCache::new(&model.config),
                    shown: 0,
                    done: None,
                }
            })
            .collect();
        job.budget = max_new_tokens.min(model.config.max_position - ids.len());
        job.prompt = prompt.to_string();
        job.prompt_tokens = ids.len();
        job.prefix = prefix;
        job.phase_opts = opts;
        Ok(())
    }

    /// Advance every live sample by one token: look at the tokens sampled last (stop rules,
    /// events), run one forward pass over the samples still going, and finish jobs whose
    /// samples are all done (or move two-step jobs on to their body).
    pub fn step(&mut self, on: &mut dyn FnMut(Event<'_>) -> bool) {
        let model = self.model;
        let mut failed = Vec::new();
        for job in &mut self.jobs {
            let streamed = job.split.is_none();
            for (index, seq) in job.seqs.iter_mut().enumerate() {
                if seq.done.is_some() {
                    continue;
                }
                let tell = Tell {
                    job: job.id,
                    index,
                    streamed,
                };
                if let Err(e) = look(model, tell, seq, &job.phase_opts, job.budget, on) {
                    failed.push((job.id, e));
                    break;
                }
            }
        }
        for (id, error) in failed {
            self.cancel(id);
            on(Event::Failed { job: id, error });
        }
        if let Err(message) = self.decode() {
            for job in std::mem::take(&mut self.jobs) {
                on(Event::Failed {
                    job: job.id,
                    error: ModelError::invalid("device", &message),
                });
            }
            return;
        }
        let mut i = 0;
        while i < self.jobs.len() {
            if self.jobs[i].seqs.iter().any(|s| s.done.is_none()) {
                i += 1;
                continue;
            }
            let mut job = self.jobs.swap_remove(i);
            match job.split.take() {
                Some((imports, rest, lang)) => {
                    let out = job.seqs[0].done.take().expect("finished");
                    let (augmented, added) = two_step_prompt(
                        &imports,
                        &rest,
                        &out.text,
                        out.finish == FinishReason::Eos,
                        lang,
                    );
                    let tokens = job.opts.two_step.unwrap_or(20);
                    let body = job.opts.max_new_tokens.saturating_sub(tokens).max(1);
                    let opts = job.opts.clone();
                    match self.start_phase(&mut job, &augmented, opts, body) {
                        Ok(()) => {
                            job.added_imports = added;
                            self.jobs.push(job);
                            let last = self.jobs.len() - 1;
                            self.jobs.swap(i, last);
                            i += 1;
                        }
                        Err(error) => {
                            on(Event::Failed { job: job.id, error });
                        }
                    }
                }
                None => {
                    let generation = Generation {
                        prompt: job.prompt,
                        prompt_tokens: job.prompt_tokens,
                        completions: job
                            .seqs
                            .into_iter()
                            .map(|s| s.done.expect("every sample finished"))
                            .collect(),
                        added_imports: job.added_imports,
                    };
                    on(Event::Done {
                        job: job.id,
                        generation,
                    });
                }
            }
        }
    }

    /// One forward pass over every live sample, then sample each one's next token. A failed
    /// pass (only a GPU's can fail) leaves every running job without its caches: the caller
    /// fails them all with the message.
    fn decode(&mut self) -> std::result::Result<(), String> {
        let mut tokens = Vec::new();
        let mut caches = Vec::new();
        for job in &mut self.jobs {
            for seq in job.seqs.iter_mut().filter(|s| s.done.is_none()) {
                tokens.push(seq.next);
                caches.push(std::mem::take(&mut seq.cache));
            }
        }
        if tokens.is_empty() {
            return Ok(());
        }
        let prefixes: Vec<Option<&KvCache>> = self
            .jobs
            .iter()
            .flat_map(|j| {
                let live = j.seqs.iter().filter(|s| s.done.is_none()).count();
                std::iter::repeat_n(Some(&j.prefix), live)
            })
            .collect();
        let model = self.model;
        let logits = match try_forward_prefixed(
            &model.config,
            &model.weights,
            &tokens,
            &prefixes,
            &mut caches,
            1,
        ) {
            Ok(logits) => logits,
            Err(ModelError::Invalid { message, .. }) => return Err(message),
            Err(e) => return Err(e.to_string()),
        };
        let vocab = model.config.vocab_size;
        let mut row = 0;
        let mut caches = caches.into_iter();
        for job in &mut self.jobs {
            for seq in job.seqs.iter_mut().filter(|s| s.done.is_none()) {
                seq.cache = caches.next().expect("one cache per row");
                seq.next = seq.sampler.sample(&logits[row * vocab..(row + 1) * vocab]);
                row += 1;
            }
        }
        Ok(())
    }
}

/// Which sample a token belongs to, and whether its text is reported (the import step of a
/// two-step job is not: its text never reaches the caller).
#[derive(Clone, Copy)]
struct Tell {
    job: JobId,
    index: usize,
    streamed: bool,
}

/// Take the token sampled last into `seq`: end of sequence, stop string or truncation rule,
/// cancellation, or the token budget may finish it; otherwise its new text is reported.
fn look(
    model: &Model,
    tell: Tell,
    seq: &mut Seq,
    opts: &GenerateOptions,
    budget: usize,
    on: &mut dyn FnMut(Event<'_>) -> bool,
) -> Result<()> {
    let tok = seq.next;
    let finished = if model.tokenizer.eos.contains(&tok) {
        let text = model.tokenizer.decode(&seq.ids)?;
        Some(model.finish(text, seq.ids.len(), FinishReason::Eos, opts))
    } else {
        seq.ids.push(tok);
        let text = model.tokenizer.decode(&seq.ids)?;
        match model.stop_point(&text, opts) {
            Some(cut) => Some(Completion {
                text: text[..cut].to_string(),
                tokens: seq.ids.len(),
                finish: FinishReason::Stop,
            }),
            None => {
                let safe = shown_safely(&text, opts);
                let delta = text.get(seq.shown..safe).unwrap_or("");
                let keep = !tell.streamed
                    || on(Event::Text {
                        job: tell.job,
                        index: tell.index,
                        text: &text,
                        delta,
                    });
                seq.shown = seq.shown.max(safe);
                if !keep {
                    Some(Completion {
                        text,
                        tokens: seq.ids.len(),
                        finish: FinishReason::Cancelled,
                    })
                } else if seq.ids.len() >= budget {
                    Some(model.finish(text, seq.ids.len(), FinishReason::Length, opts))
                } else {
                    None
                }
            }
        }
    };
    if let Some(done) = finished {
        if tell.streamed {
            on(Event::Finished {
                job: tell.job,
                index: tell.index,
                delta: done.text.get(seq.shown..).unwrap_or(""),
                completion: &done,
            });
        }
        seq.done = Some(done);
    }
    Ok(())
}

/// How much of a growing sample's text can be shown now: all of it but a trailing
/// half-decoded character, the start of a stop string, or (Python's truncation rule) a
/// trailing newline that the next character may turn into the end.
pub fn shown_safely(text: &str, opts: &GenerateOptions) -> usize {
    let end = text.trim_end_matches('\u{FFFD}').len();
    let text = &text[..end];
    let mut hold = 0;
    for stop in opts.stop.iter().filter(|s| !s.is_empty()) {
        if let Some(k) = (1..stop.len())
            .rev()
            .find(|&k| stop.is_char_boundary(k) && text.ends_with(&stop[..k]))
        {
            hold = hold.max(k);
        }
    }
    if opts.truncate == Some(Language::Python) && text.ends_with('\n') {
        hold = hold.max(1);
    }
    end - hold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_back_text() {
        let opts = GenerateOptions {
            stop: vec!["\ndef ".into(), "END".into()],
            truncate: Some(Language::Python),
            ..GenerateOptions::default()
        };
        assert_eq!(shown_safely("x = 1", &opts), 5);
        assert_eq!(shown_safely("x = 1\n", &opts), 5);
        assert_eq!(shown_safely("x = 1\nde", &opts), 5);
        assert_eq!(shown_safely("x = 1 EN", &opts), 6);
        assert_eq!(shown_safely("x = 1\n  y", &opts), 9);
        assert_eq!(shown_safely("caf\u{FFFD}", &opts), 3);
        let plain = GenerateOptions::default();
        assert_eq!(shown_safely("a\n", &plain), 2);
    }
}
