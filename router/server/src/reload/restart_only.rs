//! Settings read once, at startup: the listen addresses (the sockets are bound) and the logs
//! and trace exporters (process-wide subscribers). A reloaded `router.yaml` that changes one
//! logs a warning that a restart is needed, and the running value stays in the configuration,
//! so it keeps describing what runs.

use std::fmt::Debug;

use router_config::RouterConfig;

/// Puts the running values of startup-only settings back into `next`, warning for each that
/// `next` changed.
pub fn keep_running(running: &RouterConfig, next: &mut RouterConfig, origin: &str) {
    keep(
        "server.listen",
        &running.server.listen,
        &mut next.server.listen,
        origin,
    );
    keep(
        "telemetry.metrics.listen",
        &running.telemetry.metrics.listen,
        &mut next.telemetry.metrics.listen,
        origin,
    );
    keep(
        "telemetry.tracing",
        &running.telemetry.tracing,
        &mut next.telemetry.tracing,
        origin,
    );
    keep(
        "telemetry.logs",
        &running.telemetry.logs,
        &mut next.telemetry.logs,
        origin,
    );
}

fn keep<T: PartialEq + Clone + Debug>(setting: &str, running: &T, next: &mut T, origin: &str) {
    if running != next {
        tracing::warn!(
            setting,
            running = ?running,
            configured = ?next,
            from = origin,
            "this setting applies at startup only: restart the router to apply the change"
        );
        *next = running.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startup_only_settings_keep_their_running_values() {
        let running = RouterConfig::default();
        let mut next = running.clone();
        next.server.listen.set_port(5000);
        next.introspection = false;
        keep_running(&running, &mut next, "router.yaml");
        assert_eq!(next.server.listen, running.server.listen);
        assert!(!next.introspection, "live settings are untouched");
    }
}
