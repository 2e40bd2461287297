//! Databrain `POST /api/v2/workspace` (seeds 001, 002) and `PUT /api/v2/workspace` (seed 000).
//!
//! Both bodies have the same keys and rules; they differ in what `name` means (a new, unique name
//! versus the name of the workspace to update) and in the documented defaults of the two flags.

use super::model::{Choice, Cond, Field, Level, Lit, Rule, Schema, Type};

const CONNECTION_TYPES: &[Choice] = &[
    Choice::new("DATASOURCE", "A single datasource; `datasourceName` is required."),
    Choice::new("DATAMART", "A single datamart; `datamartName` is required."),
    Choice::new("MULTI_DATASOURCE", "Access to multiple datasources; no name field is required."),
    Choice::new("MULTI_DATAMART", "Multiple datamarts; same shape as MULTI_DATASOURCE."),
];

const SUMMARY_TYPES: &[Choice] = &[
    Choice::new("technicalAndInsightSummary", "Technical and insight summary."),
    Choice::new("forecastAndTrendAnalysis", "Forecast and trend analysis."),
    Choice::new("comparativeAndAnomalyDetection", "Comparative and anomaly detection."),
    Choice::new("custom", "Custom prompt; `customSummaryPrompt` is required."),
];

const LLM_NAME: Type = Type::Str { min: 1, max: None };

/// The keys both workspace bodies share, with `name` and the two flags given per endpoint.
const fn workspace_fields(name: Field, suggestions: Field, summary: Field) -> [Field; 11] {
    [
        name,
        Field::new("connectionType", Type::Enum(CONNECTION_TYPES), "Type of connection for the workspace.")
            .required()
            .confirmed(),
        Field::text("datasourceName", "Name of the datasource to connect to this workspace. Must already exist in your organization (exact, case-sensitive).")
            .non_empty()
            .confirmed(),
        Field::text("datamartName", "Name of the datamart to connect to this workspace. Must already exist in your organization (exact, case-sensitive).")
            .non_empty()
            .confirmed(),
        Field::text("llmName", "Optional primary LLM name for workspace-level AI features. Must match an existing LLM configured in your organization.")
            .non_empty()
            .confirmed(),
        Field::new("aiCopilotLlms", Type::Array(&LLM_NAME), "Optional list of LLM names available for AI Copilot in this workspace. Every value must match an existing organization LLM name.")
            .confirmed(),
        suggestions,
        summary,
        Field::new("summaryType", Type::Enum(SUMMARY_TYPES), "Summary mode used when metric summaries are enabled.").confirmed(),
        Field::text("customSummaryPrompt", "Custom summary instruction prompt for AI-generated summaries.")
            .non_empty()
            .confirmed(),
        Field::text("themeName", "Optional workspace theme name. Must match an existing theme configured in your organization.")
            .non_empty()
            .confirmed(),
    ]
}

const CONNECTION_IS_DATASOURCE: Cond = Cond::Eq("connectionType", Lit::Str("DATASOURCE"));
const CONNECTION_IS_DATAMART: Cond = Cond::Eq("connectionType", Lit::Str("DATAMART"));

static RULES: [Rule; 6] = [
    Rule::RequiredWhen { fields: &["datasourceName"], when: CONNECTION_IS_DATASOURCE },
    Rule::RequiredWhen { fields: &["datamartName"], when: CONNECTION_IS_DATAMART },
    Rule::RequiredWhen { fields: &["summaryType"], when: Cond::Eq("isEnableMetricSummary", Lit::Bool(true)) },
    Rule::RequiredWhen { fields: &["customSummaryPrompt"], when: Cond::Eq("summaryType", Lit::Str("custom")) },
    // The docs do not say whether the API rejects the other kind's name or ignores it: warn.
    Rule::OnlyWhen {
        fields: &["datasourceName"],
        when: Cond::Ne("connectionType", Lit::Str("DATAMART")),
        level: Level::Warning,
    },
    Rule::OnlyWhen {
        fields: &["datamartName"],
        when: Cond::Ne("connectionType", Lit::Str("DATASOURCE")),
        level: Level::Warning,
    },
];

static CREATE_FIELDS: [Field; 11] = workspace_fields(
    Field::text("name", "Name of the workspace to create. Must be unique within your organization.")
        .required()
        .non_empty()
        .confirmed(),
    Field::new(
        "isEnableMetricSuggestions",
        Type::Bool,
        "Optional flag to enable AI-powered metric suggestions in this workspace.",
    )
    .confirmed()
    .default(Lit::Bool(false)),
    Field::new(
        "isEnableMetricSummary",
        Type::Bool,
        "Optional flag to enable AI-generated metric summaries in this workspace.",
    )
    .confirmed()
    .default(Lit::Bool(false)),
);

static UPDATE_FIELDS: [Field; 11] = workspace_fields(
    Field::text("name", "Name of the existing workspace to update. Must match exactly (case-sensitive); it cannot be changed through this endpoint.")
        .required()
        .non_empty()
        .confirmed(),
    Field::new("isEnableMetricSuggestions", Type::Bool, "Optional flag to enable or disable AI-powered metric suggestions for this workspace.").confirmed(),
    Field::new("isEnableMetricSummary", Type::Bool, "Optional flag to enable or disable AI-generated metric summaries for this workspace.").confirmed(),
);

pub static CREATE_WORKSPACE: Schema = Schema::closed(
    "DatabrainCreateWorkspaceBody",
    "Create a new workspace with datasource, datamart, multi-datasource, or multi-datamart configuration.",
    &CREATE_FIELDS,
    &RULES,
);

pub static UPDATE_WORKSPACE: Schema = Schema::closed(
    "DatabrainUpdateWorkspaceBody",
    "Update the connection and AI settings of an existing workspace, identified by its name. Updating a workspace also updates all of its metrics to use the new connection.",
    &UPDATE_FIELDS,
    &RULES,
);
