//! Politeness: one request at a time per host, and a pause after each before the next one.
//!
//! Every request of a [`crate::Fetcher`] (feeds, pages, robots.txt, each redirect hop, each
//! retry) passes the host's gate, so however many threads fetch, a site sees one connection of
//! ours at a time, spaced by the delay (or the longer crawl delay its robots.txt asks for).

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Default)]
pub(crate) struct HostGate {
    hosts: Mutex<HashMap<String, Host>>,
    wake: Condvar,
}

struct Host {
    busy: bool,
    /// No request starts before this.
    next: Instant,
    /// The pause after a request to this host.
    delay: Duration,
}

/// The right to send one request to a host; dropping it lets the next one go after the delay.
pub(crate) struct Pass<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Host>> {
        // A panic elsewhere cannot leave the map half-updated: every change is one assignment.
        self.hosts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until `host` is free and its pause is over, then hold it. `delay` is the pause
    /// after requests to a host seen for the first time.
    pub(crate) fn enter(&self, host: &str, delay: Duration) -> Pass<'_> {
        let mut hosts = self.lock();
        loop {
            let now = Instant::now();
            let entry = hosts.entry(host.to_string()).or_insert(Host {
                busy: false,
                next: now,
                delay,
            });
            if !entry.busy && entry.next <= now {
                entry.busy = true;
                return Pass {
                    gate: self,
                    host: host.to_string(),
                };
            }
            // Busy: woken when it is released. Pausing: woken when the pause ends.
            let wait = if entry.busy {
                Duration::from_secs(1)
            } else {
                entry.next - now
            };
            hosts = self
                .wake
                .wait_timeout(hosts, wait)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    /// Raise the pause after requests to `host` (a crawl delay from its robots.txt); never
    /// below `floor`.
    pub(crate) fn set_delay(&self, host: &str, delay: Duration, floor: Duration) {
        let mut hosts = self.lock();
        let now = Instant::now();
        let entry = hosts.entry(host.to_string()).or_insert(Host {
            busy: false,
            next: now,
            delay,
        });
        entry.delay = delay.max(floor);
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        let mut hosts = self.gate.lock();
        if let Some(entry) = hosts.get_mut(&self.host) {
            entry.busy = false;
            entry.next = Instant::now() + entry.delay;
        }
        drop(hosts);
        self.gate.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn one_request_at_a_time_per_host_with_a_pause_between() {
        let gate = HostGate::default();
        let inside = AtomicUsize::new(0);
        let starts = Mutex::new(Vec::new());
        let delay = Duration::from_millis(30);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let _pass = gate.enter("a.example", delay);
                    assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0);
                    starts.lock().unwrap().push(Instant::now());
                    std::thread::sleep(Duration::from_millis(5));
                    inside.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        let mut starts = starts.into_inner().unwrap();
        starts.sort();
        for pair in starts.windows(2) {
            assert!(pair[1] - pair[0] >= delay, "{:?}", pair[1] - pair[0]);
        }
    }

    #[test]
    fn other_hosts_do_not_wait() {
        let gate = HostGate::default();
        let _a = gate.enter("a.example", Duration::from_secs(60));
        let started = Instant::now();
        let _b = gate.enter("b.example", Duration::from_secs(60));
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
