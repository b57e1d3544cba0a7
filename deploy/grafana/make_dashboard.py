#!/usr/bin/env python3
"""Writes deploy/grafana/dashboards/calme.json, the CALMe dashboard Grafana
provisions in the `monitoring` compose profile. Edit here, run, commit both."""
import json
import pathlib

DS = {"type": "prometheus", "uid": "calme-prometheus"}


def target(expr, legend=""):
    return {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": "ABCDEFGH"[0]}


def panel(pid, title, kind, x, y, w, h, targets, unit=None, description="", extra=None):
    for i, t in enumerate(targets):
        t["refId"] = "ABCDEFGH"[i]
    p = {
        "id": pid,
        "title": title,
        "description": description,
        "type": kind,
        "datasource": DS,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "targets": targets,
        "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": []},
        "options": {},
    }
    if kind == "timeseries":
        p["options"] = {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}}
    if extra:
        p.update(extra)
    return p


panels = [
    panel(1, "Bot up", "stat", 0, 0, 4, 4, [target('max(up{job="calme"})')],
          description="1 when Prometheus can scrape the bot's /metrics.",
          extra={"fieldConfig": {"defaults": {"mappings": [{"type": "value", "options": {"0": {"text": "DOWN", "color": "red"}, "1": {"text": "UP", "color": "green"}}}]}, "overrides": []}}),
    panel(2, "Model loaded", "stat", 4, 0, 4, 4, [target("max(calme_model_loaded)")],
          description="0 means every reply is written in Quick Mode (templates): run the model setup.",
          extra={"fieldConfig": {"defaults": {"mappings": [{"type": "value", "options": {"0": {"text": "Quick Mode only", "color": "orange"}, "1": {"text": "loaded", "color": "green"}}}]}, "overrides": []}}),
    panel(3, "Quick Mode share (1 h)", "stat", 8, 0, 4, 4,
          [target("sum(increase(calme_quick_mode_total[1h])) / clamp_min(sum(increase(calme_quick_mode_total[1h])) + sum(increase(calme_model_replies_total[1h])), 1)")],
          unit="percentunit", description="Replies written from templates instead of the model (no model, busy, too slow, or rejected by the guard)."),
    panel(4, "Escalations (24 h)", "stat", 12, 0, 4, 4, [target("sum(increase(calme_escalations_total[24h]))")],
          description="Crisis messages answered with crisis lines."),
    panel(5, "Queue depth", "stat", 16, 0, 4, 4, [target("sum(calme_queue_depth)")],
          description="Messages waiting in conversation queues right now."),
    panel(6, "Live conversations", "stat", 20, 0, 4, 4, [target("sum(calme_live_sessions)")],
          description="Conversations held in memory (active in the last 15 minutes)."),
    panel(7, "Messages in, by platform", "timeseries", 0, 4, 12, 8,
          [target("sum by (platform) (rate(calme_messages_in_total[5m])) * 60", "{{platform}}")], unit="short",
          description="Messages per minute addressed to the bot."),
    panel(8, "Replies out, by platform", "timeseries", 12, 4, 12, 8,
          [target("sum by (platform) (rate(calme_replies_out_total[5m])) * 60", "{{platform}}")], unit="short",
          description="Conversation replies per minute (model, Quick Mode and escalations)."),
    panel(9, "Escalations by label", "timeseries", 0, 12, 12, 8,
          [target("sum by (label) (increase(calme_escalations_total[1h]))", "{{label}}")], unit="short",
          description="Crisis escalations per hour, by triage label."),
    panel(10, "Triage labels", "timeseries", 12, 12, 12, 8,
          [target("sum by (label) (increase(calme_triage_total[1h]))", "{{label}}")], unit="short",
          description="Every screened message per hour, by label."),
    panel(11, "Time to first token", "timeseries", 0, 20, 8, 8,
          [target("histogram_quantile(0.5, sum by (le) (rate(calme_time_to_first_token_seconds_bucket[10m])))", "p50"),
           target("histogram_quantile(0.95, sum by (le) (rate(calme_time_to_first_token_seconds_bucket[10m])))", "p95")],
          unit="s", description="How long people wait before the reply starts to appear."),
    panel(12, "Decoding speed", "timeseries", 8, 20, 8, 8,
          [target("histogram_quantile(0.5, sum by (le) (rate(calme_tokens_per_second_bucket[10m])))", "p50"),
           target("sum(rate(calme_tokens_per_second_sum[10m])) / clamp_min(sum(rate(calme_tokens_per_second_count[10m])), 1e-9)", "mean")],
          unit="short", description="Tokens per second of finished generations."),
    panel(13, "Queue depth over time", "timeseries", 16, 20, 8, 8,
          [target("sum(calme_queue_depth)", "waiting")], unit="short"),
    panel(14, "Quick Mode, guard and load", "timeseries", 0, 28, 24, 8,
          [target("sum(rate(calme_quick_mode_total[5m])) * 60", "Quick Mode replies/min"),
           target("sum(rate(calme_model_replies_total[5m])) * 60", "model replies/min"),
           target("sum(rate(calme_guard_rejections_total[5m])) * 60", "guard rejections/min"),
           target("sum(rate(calme_model_overloaded_total[5m])) * 60", "model busy/min"),
           target("sum(rate(calme_rate_limited_total[5m])) * 60", "rate-limited/min")],
          unit="short", description="Why replies fall back to Quick Mode."),
    panel(15, "Second reading escalations", "timeseries", 0, 36, 24, 8,
          [target("sum by (reading) (increase(calme_second_reading_escalations_total[1h]))", "{{reading}}")], unit="short",
          description="Crises the screen only leaned on (it would have asked the check-in) that the semantic reading or the "
                      "risk probe escalated, per hour. A reading that never fires may not have loaded (see the startup "
                      "log); one that fires on much of the traffic needs a look at its threshold."),
]

dashboard = {
    "uid": "calme-overview",
    "title": "CALMe",
    "description": "Messages, escalations, queue, latency and Quick Mode share of the CALMe bot.",
    "tags": ["calme"],
    "timezone": "browser",
    "schemaVersion": 39,
    "version": 1,
    "editable": False,
    "refresh": "30s",
    "time": {"from": "now-24h", "to": "now"},
    "templating": {"list": []},
    "annotations": {"list": []},
    "panels": panels,
}

out = pathlib.Path(__file__).parent / "dashboards" / "calme.json"
out.write_text(json.dumps(dashboard, indent=2) + "\n")
print(f"wrote {out}")
