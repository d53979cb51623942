"""The Prometheus metric families LLMTrace's LLM metrics become (the Collector's Prometheus
exporter and `LLMMetrics.prometheusText()` name them alike), with their types. Shared by the
checks of the Prometheus text, the dashboard and the alert rules."""

FAMILIES = {
    "gen_ai_client_operation_duration_seconds": "histogram",
    "gen_ai_client_token_usage": "histogram",
    "gen_ai_client_operation_time_to_first_chunk_seconds": "histogram",
    "llmtrace_gen_ai_requests": "counter",
    "llmtrace_gen_ai_errors": "counter",
    "llmtrace_gen_ai_cost": "counter",
    "llmtrace_rag_stage_duration_seconds": "histogram",
    "gen_ai_invoke_agent_duration_seconds": "histogram",
    "gen_ai_execute_tool_duration_seconds": "histogram",
    "gen_ai_client_operation_time_per_output_chunk_seconds": "histogram",
    "llmtrace_gen_ai_evaluation_score": "histogram",
}


def series_names():
    """Every series name a query may use: histogram parts and counters' `_total`."""
    names = set()
    for family, kind in FAMILIES.items():
        if kind == "histogram":
            names |= {family + "_bucket", family + "_sum", family + "_count"}
        else:
            names.add(family + "_total")
    return names
