//! The model's thread: one continuous-batching engine fed by a bounded queue.
//!
//! Requests become jobs in a bounded channel (full → the handler answers 503). The worker
//! admits jobs while the batch has room for their samples, advances every live sample one
//! token per forward pass, and sends each job's pieces of text back on that job's own
//! channel. A job whose channel is closed (its client went away) is dropped from the batch
//! before the next pass, so a disconnect stops its generation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use hexacoder_model::batch::{Engine, Event};
use hexacoder_model::{FinishReason, GenerateOptions, Model};
use tokio::sync::mpsc;

/// What a job reports to its request.
#[derive(Debug)]
pub enum JobEvent {
    /// New text of choice `index` (the request's numbering).
    Delta { index: usize, text: String },
    /// Choice `index` ended.
    Finished {
        index: usize,
        finish: FinishReason,
        tokens: usize,
    },
    /// Every choice of the job ended.
    Done {
        prompt_tokens: usize,
        added_imports: Vec<String>,
    },
    /// The job could not run (its prompt did not fit, …).
    Failed { message: String },
}

/// One prompt's generation for a request.
pub struct Job {
    pub prompt: String,
    pub opts: GenerateOptions,
    /// The request's index of this job's first choice (prompt `k` of a request with `n`
    /// choices per prompt starts at `k·n`).
    pub first_index: usize,
    /// Send text as it grows; otherwise each choice's text comes once, when it ends (one
    /// wake-up of the request's task per choice instead of one per token).
    pub stream: bool,
    pub events: mpsc::UnboundedSender<JobEvent>,
}

/// Counters the health endpoint shows.
#[derive(Default)]
pub struct Load {
    pub queued: AtomicUsize,
    pub running_jobs: AtomicUsize,
    pub running_rows: AtomicUsize,
    pub tokens_generated: AtomicUsize,
}

impl Load {
    /// What the engine holds now (before a pass, so a request in flight shows; after it, so
    /// an idle worker shows none).
    fn running(&self, jobs: usize, rows: usize) {
        self.running_jobs.store(jobs, Ordering::Relaxed);
        self.running_rows.store(rows, Ordering::Relaxed);
    }
}

/// The handlers' end of the queue.
#[derive(Clone)]
pub struct Queue {
    tx: mpsc::Sender<Job>,
    pub load: Arc<Load>,
}

pub enum SubmitError {
    Full,
    Closed,
}

impl Queue {
    pub fn submit(&self, job: Job) -> Result<(), SubmitError> {
        match self.tx.try_send(job) {
            Ok(()) => {
                self.load.queued.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(mpsc::error::TrySendError::Full(_)) => Err(SubmitError::Full),
            Err(mpsc::error::TrySendError::Closed(_)) => Err(SubmitError::Closed),
        }
    }
}

/// Start the model's thread. `queue` jobs may wait beyond those running; `max_rows` samples
/// decode together (a job larger than that runs alone). The thread ends when every
/// [`Queue`] is dropped and the last job has finished.
pub fn spawn(
    model: Arc<Model>,
    queue: usize,
    max_rows: usize,
) -> (Queue, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel(queue.max(1));
    let load = Arc::new(Load::default());
    let worker_load = load.clone();
    let handle = std::thread::Builder::new()
        .name("hexacoder-batch".into())
        .spawn(move || run(&model, rx, max_rows.max(1), &worker_load))
        .expect("spawn the model thread");
    (Queue { tx, load }, handle)
}

struct Running {
    id: u64,
    first_index: usize,
    stream: bool,
    events: mpsc::UnboundedSender<JobEvent>,
    started: Instant,
}

fn run(model: &Model, mut rx: mpsc::Receiver<Job>, max_rows: usize, load: &Load) {
    let mut engine = Engine::new(model);
    let mut running: Vec<Running> = Vec::new();
    let mut waiting: Option<Job> = None;
    let mut next_id = 0u64;
    let mut open = true;
    loop {
        // Admit jobs while their samples fit; wait for one only when nothing runs.
        loop {
            let job = match waiting.take() {
                Some(j) => j,
                None if !open => break,
                None if engine.is_idle() => match rx.blocking_recv() {
                    Some(j) => j,
                    None => {
                        open = false;
                        break;
                    }
                },
                None => match rx.try_recv() {
                    Ok(j) => j,
                    Err(mpsc::error::TryRecvError::Empty) => break,
                    Err(mpsc::error::TryRecvError::Disconnected) => {
                        open = false;
                        break;
                    }
                },
            };
            if !engine.is_idle() && engine.rows() + job.opts.n > max_rows {
                waiting = Some(job);
                break;
            }
            load.queued.fetch_sub(1, Ordering::Relaxed);
            if job.events.is_closed() {
                continue;
            }
            next_id += 1;
            match engine.admit(next_id, &job.prompt, job.opts) {
                Ok(()) => running.push(Running {
                    id: next_id,
                    first_index: job.first_index,
                    stream: job.stream,
                    events: job.events,
                    started: Instant::now(),
                }),
                Err(e) => {
                    let _ = job.events.send(JobEvent::Failed {
                        message: e.to_string(),
                    });
                }
            }
        }
        if engine.is_idle() {
            if !open && waiting.is_none() {
                return;
            }
            continue;
        }
        // Clients that went away stop their jobs.
        running.retain(|r| {
            let gone = r.events.is_closed();
            if gone {
                tracing::info!(job = r.id, "client went away; generation cancelled");
                engine.cancel(r.id);
            }
            !gone
        });
        load.running(running.len(), engine.rows());
        let mut finished = Vec::new();
        engine.step(&mut |event| {
            let Some(r) = running.iter().find(|r| r.id == job_of(&event)) else {
                return false;
            };
            match event {
                Event::Text { index, delta, .. } => {
                    if delta.is_empty() || !r.stream {
                        return !r.events.is_closed();
                    }
                    r.events
                        .send(JobEvent::Delta {
                            index: r.first_index + index,
                            text: delta.to_string(),
                        })
                        .is_ok()
                }
                Event::Finished {
                    index,
                    delta,
                    completion,
                    ..
                } => {
                    load.tokens_generated
                        .fetch_add(completion.tokens, Ordering::Relaxed);
                    let text = if r.stream { delta } else { &completion.text };
                    if !text.is_empty() {
                        let _ = r.events.send(JobEvent::Delta {
                            index: r.first_index + index,
                            text: text.to_string(),
                        });
                    }
                    let _ = r.events.send(JobEvent::Finished {
                        index: r.first_index + index,
                        finish: completion.finish,
                        tokens: completion.tokens,
                    });
                    true
                }
                Event::Done { job, generation } => {
                    tracing::debug!(job, ms = r.started.elapsed().as_millis() as u64, "job done");
                    let _ = r.events.send(JobEvent::Done {
                        prompt_tokens: generation.prompt_tokens,
                        added_imports: generation.added_imports,
                    });
                    finished.push(job);
                    true
                }
                Event::Failed { job, error } => {
                    let _ = r.events.send(JobEvent::Failed {
                        message: error.to_string(),
                    });
                    finished.push(job);
                    true
                }
            }
        });
        running.retain(|r| !finished.contains(&r.id));
        load.running(running.len(), engine.rows());
    }
}

fn job_of(event: &Event<'_>) -> u64 {
    match event {
        Event::Text { job, .. }
        | Event::Finished { job, .. }
        | Event::Done { job, .. }
        | Event::Failed { job, .. } => *job,
    }
}
