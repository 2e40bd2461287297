//! `PUT /api/v2/datasource` and `POST /api/v2/datasource`: the body, every `datasourceType`,
//! the credential rules the docs confirm, and `tenancySettings`.

mod common;
use common::{check, findings, issues, message, strict_findings, valid, warnings};
use serde_json::{json, Value as Json};

const BOTH: [&str; 2] = ["databrain.updateDatasource", "databrain.createDatasource"];

fn body(kind: &str, credentials: Json) -> Json {
    json!({"datasourceType": kind, "credentials": credentials})
}

fn postgres() -> Json {
    json!({"name": "production-postgres", "host": "new-db.example.com", "port": 5432, "username": "dbuser",
           "password": "newpassword", "database": "analytics", "schema": "public"})
}

/// One plausible valid credentials object per type (keys beyond `name` are our reading of the docs).
fn valid_credentials(kind: &str) -> Json {
    match kind {
        "postgres" | "redshift" => postgres(),
        "cockroachdb" | "trino" => {
            json!({"name": "c", "host": "h", "port": 26257, "username": "u", "password": "p", "sslMode": "enable"})
        }
        "mysql" | "mongodb" | "clickhouse" | "singlestore" => {
            json!({"name": "m", "host": "h", "port": 3306, "username": "u", "password": "p", "database": "d"})
        }
        "snowflake" => {
            json!({"name": "s", "host": "acme.snowflakecomputing.com", "username": "u", "authenticationMethod": "Key-pair authentication", "privateKey": "-----BEGIN PRIVATE KEY-----"})
        }
        "bigquery" => {
            json!({"name": "b", "projectId": "p", "serviceAccountKey": {"type": "service_account"}, "location": "EU"})
        }
        "databricks" => json!({"name": "d", "host": "h", "httpPath": "/sql/1.0", "token": "t"}),
        "elasticsearch" | "opensearch" => {
            json!({"name": "e", "server_type": "self-managed", "host": "https://es:9200", "disableAuth": true})
        }
        "mssql" => json!({"name": "ms", "server": "sql.example.com", "user": "sa", "password": "p", "port": 1433}),
        "awss3" => json!({"name": "s3", "region": "us-east-1", "bucket": "b", "pathType": "Folder"}),
        "csv" => json!({"name": "sales.csv"}),
        "firebolt" => json!({"name": "f", "clientId": "id", "clientSecret": "s", "account": "a", "engine": "e"}),
        "athena" => json!({"name": "a", "region": "eu-west-1", "s3OutputLocation": "s3://out/"}),
        other => panic!("no example for {other}"),
    }
}

const TYPES: [&str; 18] = [
    "snowflake",
    "postgres",
    "redshift",
    "cockroachdb",
    "mysql",
    "mongodb",
    "clickhouse",
    "singlestore",
    "bigquery",
    "databricks",
    "elasticsearch",
    "opensearch",
    "mssql",
    "awss3",
    "csv",
    "firebolt",
    "athena",
    "trino",
];

#[test]
fn the_documented_example_is_valid() {
    for id in BOTH {
        valid(id, body("postgres", postgres()));
    }
}

#[test]
fn every_datasource_type_has_a_valid_body() {
    let documented: Vec<&str> =
        workspace_requests::schema::databrain_credentials::VARIANTS.iter().map(|v| v.value).collect();
    assert_eq!(documented, TYPES, "the 18 documented types, in the docs' order");
    for id in BOTH {
        for kind in TYPES {
            valid(id, body(kind, valid_credentials(kind)));
        }
    }
}

#[test]
fn every_datasource_type_requires_a_credentials_name() {
    for kind in TYPES {
        let mut creds = valid_credentials(kind);
        creds.as_object_mut().unwrap().remove("name");
        issues("databrain.updateDatasource", body(kind, creds.clone()), &[("/credentials/name", "required")]);
        creds["name"] = json!("");
        issues("databrain.updateDatasource", body(kind, creds.clone()), &[("/credentials/name", "too_short")]);
        creds["name"] = json!(42);
        issues("databrain.createDatasource", body(kind, creds), &[("/credentials/name", "invalid_type")]);
    }
}

#[test]
fn datasource_type_and_credentials_are_required() {
    for id in BOTH {
        issues(id, json!({}), &[("/datasourceType", "required"), ("/credentials", "required")]);
        issues(id, json!({"datasourceType": "csv", "credentials": "name=x"}), &[("/credentials", "invalid_type")]);
        issues(id, json!({"datasourceType": "csv", "credentials": null}), &[("/credentials", "invalid_type")]);
    }
}

#[test]
fn datasource_type_is_exact_with_a_suggestion() {
    for (typo, suggestion) in [
        ("postgress", "postgres"),
        ("postgresql", "postgres"),
        ("Postgres", "postgres"),
        ("s3", ""),
        ("aws_s3", "awss3"),
    ] {
        let r = issues("databrain.updateDatasource", body(typo, postgres()), &[("/datasourceType", "invalid_enum")]);
        let m = message(&r, "/datasourceType");
        assert!(m.contains("\"trino\""), "lists the allowed values: {m}");
        if suggestion.is_empty() {
            assert!(!m.contains("Did you mean"), "{m}");
        } else {
            assert!(m.ends_with(&format!("Did you mean \"{suggestion}\"?")), "{m}");
        }
    }
    // With an unknown type the credentials are still checked for a name.
    issues(
        "databrain.updateDatasource",
        body("oracle", json!({})),
        &[("/datasourceType", "invalid_enum"), ("/credentials/name", "required")],
    );
    issues(
        "databrain.updateDatasource",
        body("oracle", json!({"name": "o", "sid": "X"})),
        &[("/datasourceType", "invalid_enum")],
    );
}

#[test]
fn unconfirmed_credential_keys_pass_and_near_misses_warn() {
    // Keys the docs may define but we cannot confirm pass through.
    valid(
        "databrain.updateDatasource",
        body("mysql", json!({"name": "m", "sslCertificate": "...", "connectTimeout": 10})),
    );
    let r = warnings(
        "databrain.updateDatasource",
        body("postgres", {
            let mut c = postgres();
            let o = c.as_object_mut().unwrap();
            o.remove("password");
            o.insert("pasword".into(), json!("hunter2-secret"));
            c
        }),
        &[("/credentials/password", "required"), ("/credentials/pasword", "unknown_field")],
    );
    assert!(r.ok());
    assert!(message(&r, "/credentials/pasword").contains("Did you mean credentials.password?"));
    let r = warnings(
        "databrain.updateDatasource",
        body("mysql", json!({"name": "m", "pasword": "x"})),
        &[("/credentials/pasword", "unknown_field")],
    );
    assert!(message(&r, "/credentials/pasword").contains("do not confirm that name"));
}

#[test]
fn unconfirmed_keys_with_odd_values_only_warn() {
    warnings(
        "databrain.updateDatasource",
        body("mysql", json!({"name": "m", "port": "abc", "host": 1})),
        &[("/credentials/port", "invalid_type"), ("/credentials/host", "invalid_type")],
    );
    warnings(
        "databrain.updateDatasource",
        body("trino", json!({"name": "t", "sslMode": "on"})),
        &[("/credentials/sslMode", "invalid_enum")],
    );
    warnings(
        "databrain.updateDatasource",
        body("awss3", json!({"name": "s", "pathType": "file"})),
        &[("/credentials/pathType", "invalid_enum")],
    );
}

#[test]
fn postgres_keys_are_confirmed_by_the_example() {
    for kind in ["postgres", "redshift"] {
        let mut c = postgres();
        c["host"] = json!(1);
        c["username"] = json!(null);
        issues(
            "databrain.updateDatasource",
            body(kind, c),
            &[("/credentials/host", "invalid_type"), ("/credentials/username", "invalid_type")],
        );
        warnings(
            "databrain.updateDatasource",
            body(
                kind,
                json!({"name": "p", "host": "h", "port": 5432, "username": "u", "password": "p", "database": "d"}),
            ),
            &[("/credentials/schema", "required")],
        );
    }
}

#[test]
fn port_is_an_integer_from_1_to_65535() {
    for (port, code) in [
        (json!(0), "invalid_value"),
        (json!(65536), "invalid_value"),
        (json!(-5), "invalid_value"),
        (json!(5432.5), "invalid_value"),
        (json!(true), "invalid_type"),
        (json!("db"), "invalid_type"),
    ] {
        let mut c = postgres();
        c["port"] = port.clone();
        let r = issues("databrain.updateDatasource", body("postgres", c), &[("/credentials/port", code)]);
        if port == json!(65536) {
            assert_eq!(message(&r, "/credentials/port"), "credentials.port must be between 1 and 65535, found 65536.");
        }
    }
    for port in [1, 65535] {
        let mut c = postgres();
        c["port"] = json!(port);
        valid("databrain.updateDatasource", body("postgres", c));
    }
    // A numeric string may be accepted by the API, which the docs do not say: a warning.
    let mut c = postgres();
    c["port"] = json!("5432");
    warnings("databrain.updateDatasource", body("postgres", c), &[("/credentials/port", "invalid_type")]);
}

#[test]
fn mssql_uses_server_and_user_instead_of_host_and_username() {
    valid("databrain.updateDatasource", body("mssql", valid_credentials("mssql")));
    // Without server / user: an issue naming the key to send (and no second finding for it).
    let r = findings(
        "databrain.updateDatasource",
        body("mssql", json!({"name": "ms", "host": "sql", "username": "sa", "password": "p"})),
        &[("/credentials/host", "not_allowed"), ("/credentials/username", "not_allowed")],
        &[],
    );
    assert_eq!(
        message(&r, "/credentials/host"),
        "credentials.host is not used for this datasource type: send credentials.server instead."
    );
    // Next to server / user they are only redundant: warnings.
    let r = findings(
        "databrain.updateDatasource",
        body("mssql", json!({"name": "ms", "server": "sql", "user": "sa", "host": "sql", "username": "sa"})),
        &[],
        &[("/credentials/host", "not_allowed"), ("/credentials/username", "not_allowed")],
    );
    assert_eq!(
        message(&r, "/credentials/username"),
        "credentials.username is not used for this datasource type and is redundant next to credentials.user; leave it out."
    );
    // One of each: an issue for the one without its replacement.
    findings(
        "databrain.updateDatasource",
        body("mssql", json!({"name": "ms", "server": "sql", "host": "sql", "username": "sa"})),
        &[("/credentials/username", "not_allowed")],
        &[("/credentials/host", "not_allowed")],
    );
    issues(
        "databrain.updateDatasource",
        body("mssql", json!({"name": "ms", "server": 5, "user": "sa"})),
        &[("/credentials/server", "invalid_type")],
    );
    // Other types take host and username.
    valid("databrain.updateDatasource", body("postgres", postgres()));
}

#[test]
fn disable_auth_only_with_self_managed() {
    for kind in ["elasticsearch", "opensearch"] {
        valid(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "self-managed", "host": "h", "disableAuth": true})),
        );
        valid(
            "databrain.updateDatasource",
            body(
                kind,
                json!({"name": "e", "server_type": "self-managed", "host": "h", "disableAuth": false, "username": "u", "password": "p"}),
            ),
        );
        valid(
            "databrain.updateDatasource",
            body(
                kind,
                json!({"name": "e", "server_type": "elastic-cloud", "cloudId": "c", "username": "u", "password": "p"}),
            ),
        );
        for st in ["elastic-cloud", "open-cloud"] {
            let r = findings(
                "databrain.updateDatasource",
                body(kind, json!({"name": "e", "server_type": st, "cloudId": "c", "disableAuth": true})),
                &[("/credentials/disableAuth", "not_allowed")],
                &[],
            );
            assert_eq!(
                message(&r, "/credentials/disableAuth"),
                format!("credentials.disableAuth is only valid when credentials.server_type is \"self-managed\", but credentials.server_type is \"{st}\".")
            );
            // false is the documented default: a form that always sends the flag is not refused.
            let r = findings(
                "databrain.updateDatasource",
                body(
                    kind,
                    json!({"name": "e", "server_type": st, "cloudId": "c", "disableAuth": false, "username": "u", "password": "p"}),
                ),
                &[],
                &[("/credentials/disableAuth", "not_allowed")],
            );
            assert!(message(&r, "/credentials/disableAuth")
                .ends_with("It holds its documented default, so the API likely ignores it; leave it out."));
        }
        // Without server_type the rule cannot tell: only the expected server_type is reported.
        findings(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "disableAuth": true})),
            &[],
            &[("/credentials/server_type", "required")],
        );
        // An invalid server_type is reported once; the rules that depend on it stay silent.
        issues(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "cloud", "disableAuth": true})),
            &[("/credentials/server_type", "invalid_enum")],
        );
        issues(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "self-managed", "host": "h", "disableAuth": "yes"})),
            &[("/credentials/disableAuth", "invalid_type")],
        );
    }
}

#[test]
fn search_credentials_expect_the_cloud_id_or_the_host() {
    // Seed 003: "Cloud Id (for elastic-cloud and open-cloud)", "Host (for self-managed)"; the key
    // names are unconfirmed, so these are warnings.
    for kind in ["elasticsearch", "opensearch"] {
        for st in ["elastic-cloud", "open-cloud"] {
            let r = findings(
                "databrain.updateDatasource",
                body(kind, json!({"name": "e", "server_type": st, "username": "u", "password": "p"})),
                &[],
                &[("/credentials/cloudId", "required")],
            );
            assert_eq!(
                message(&r, "/credentials/cloudId"),
                format!("credentials.cloudId is required when credentials.server_type is \"{st}\".")
            );
            valid(
                "databrain.updateDatasource",
                body(
                    kind,
                    json!({"name": "e", "server_type": st, "cloudId": "c", "host": "h", "username": "u", "password": "p"}),
                ),
            );
        }
        findings(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "self-managed", "cloudId": "c", "disableAuth": true})),
            &[],
            &[("/credentials/host", "required")],
        );
    }
}

#[test]
fn search_credentials_expect_a_login_unless_auth_is_disabled() {
    warnings(
        "databrain.updateDatasource",
        body("elasticsearch", json!({"name": "e", "server_type": "self-managed", "host": "h"})),
        &[("/credentials/username", "required"), ("/credentials/password", "required")],
    );
    warnings(
        "databrain.updateDatasource",
        body("opensearch", json!({"name": "e", "host": "h", "username": "u", "password": "p"})),
        &[("/credentials/server_type", "required")],
    );
}

#[test]
fn snowflake_authentication_method_values_are_exact() {
    valid(
        "databrain.updateDatasource",
        body("snowflake", json!({"name": "s", "authenticationMethod": "username/password", "password": "p"})),
    );
    warnings(
        "databrain.updateDatasource",
        body("snowflake", json!({"name": "s", "authenticationMethod": "username/password"})),
        &[("/credentials/password", "required")],
    );
    warnings(
        "databrain.updateDatasource",
        body("snowflake", json!({"name": "s", "authenticationMethod": "Key-pair authentication"})),
        &[("/credentials/privateKey", "required")],
    );
    let r = warnings(
        "databrain.updateDatasource",
        body("snowflake", json!({"name": "s", "authenticationMethod": "key-pair"})),
        &[("/credentials/authenticationMethod", "invalid_enum")],
    );
    assert!(message(&r, "/credentials/authenticationMethod").contains("\"Key-pair authentication\""));
}

fn table_tenancy() -> Json {
    json!({"tenancyLevel": "TABLE", "clientColumnType": "STRING", "schemaName": "public", "tableName": "client_mapping",
           "tableClientNameColumn": "client_id", "tablePrimaryKeyColumn": "id"})
}

fn with_tenancy(t: Json) -> Json {
    json!({"datasourceType": "postgres", "credentials": postgres(), "tenancySettings": t})
}

#[test]
fn tenancy_table_needs_its_five_fields() {
    for id in BOTH {
        valid(id, with_tenancy(table_tenancy()));
        let mut t = table_tenancy();
        t["clientColumnType"] = json!("NUMBER");
        valid(id, with_tenancy(t));
        let r = issues(
            id,
            with_tenancy(json!({"tenancyLevel": "TABLE"})),
            &[
                ("/tenancySettings/clientColumnType", "required"),
                ("/tenancySettings/schemaName", "required"),
                ("/tenancySettings/tableName", "required"),
                ("/tenancySettings/tableClientNameColumn", "required"),
                ("/tenancySettings/tablePrimaryKeyColumn", "required"),
            ],
        );
        assert_eq!(
            message(&r, "/tenancySettings/tableName"),
            "tenancySettings.tableName is required when tenancySettings.tenancyLevel is \"TABLE\"."
        );
        let mut t = table_tenancy();
        t["clientColumnType"] = json!("TEXT");
        t["tableName"] = json!("");
        issues(
            id,
            with_tenancy(t),
            &[("/tenancySettings/clientColumnType", "invalid_enum"), ("/tenancySettings/tableName", "too_short")],
        );
    }
}

#[test]
fn tenancy_level_is_required_and_exact() {
    issues("databrain.updateDatasource", with_tenancy(json!({})), &[("/tenancySettings/tenancyLevel", "required")]);
    issues(
        "databrain.updateDatasource",
        with_tenancy(json!({"tenancyLevel": "table"})),
        &[("/tenancySettings/tenancyLevel", "invalid_enum")],
    );
    issues("databrain.updateDatasource", with_tenancy(json!("TABLE")), &[("/tenancySettings", "invalid_type")]);
    issues("databrain.updateDatasource", with_tenancy(json!(null)), &[("/tenancySettings", "invalid_type")]);
}

#[test]
fn database_tenancy_needs_no_table_fields_and_warns_about_them() {
    valid("databrain.updateDatasource", with_tenancy(json!({"tenancyLevel": "DATABASE"})));
    warnings(
        "databrain.updateDatasource",
        with_tenancy(json!({"tenancyLevel": "DATABASE", "tableName": "t", "clientColumnType": "NUMBER"})),
        &[("/tenancySettings/clientColumnType", "not_allowed"), ("/tenancySettings/tableName", "not_allowed")],
    );
}

#[test]
fn unknown_tenancy_and_body_keys_are_warnings_and_issues_when_strict() {
    let t = json!({"tenancyLevel": "DATABASE", "tablename": "x"});
    let r = findings(
        "databrain.updateDatasource",
        with_tenancy(t.clone()),
        &[],
        &[("/tenancySettings/tablename", "unknown_field")],
    );
    assert_eq!(
        message(&r, "/tenancySettings/tablename"),
        "tenancySettings.tablename is not a field the docs define for this object; the API may ignore or reject it. Did you mean tenancySettings.tableName?"
    );
    let r = strict_findings(
        "databrain.updateDatasource",
        with_tenancy(t),
        &[("/tenancySettings/tablename", "unknown_field")],
        &[],
    );
    assert_eq!(
        message(&r, "/tenancySettings/tablename"),
        "tenancySettings.tablename is not a field of this object (strict mode). Did you mean tenancySettings.tableName?"
    );
    let body_ = json!({"datasourceType": "csv", "credentials": {"name": "c"}, "tenancy": {}});
    let r = findings("databrain.updateDatasource", body_.clone(), &[], &[("/tenancy", "unknown_field")]);
    assert!(message(&r, "/tenancy").ends_with("Known fields: datasourceType, credentials, tenancySettings."), "{r:#?}");
    strict_findings("databrain.updateDatasource", body_, &[("/tenancy", "unknown_field")], &[]);
    // Credentials stay open in both modes: an unknown key passes, a near miss warns.
    for check_ in [findings, strict_findings] {
        check_(
            "databrain.updateDatasource",
            body(
                "postgres",
                json!({"name": "p", "host": "h", "port": 5432, "username": "u", "database": "d", "schema": "s", "sslrootcert": "x", "pasword": "y"}),
            ),
            &[],
            &[("/credentials/pasword", "unknown_field"), ("/credentials/password", "required")],
        );
    }
}

#[test]
fn a_missing_tenancy_level_is_one_issue_not_a_cascade() {
    findings(
        "databrain.updateDatasource",
        with_tenancy(
            json!({"clientColumnType": "NUMBER", "schemaName": "s", "tableName": "t", "tableClientNameColumn": "c", "tablePrimaryKeyColumn": "id"}),
        ),
        &[("/tenancySettings/tenancyLevel", "required")],
        &[],
    );
}

#[test]
fn suggestions_only_for_plausible_misspellings() {
    // `sslpassword` is another key (the SSL key's password), not a typo of `password`.
    let r = findings(
        "databrain.updateDatasource",
        body(
            "postgres",
            json!({"name": "p", "host": "h", "port": 5432, "username": "u", "password": "p", "database": "d", "schema": "s", "sslpassword": "x"}),
        ),
        &[],
        &[],
    );
    assert!(r.warnings.is_empty());
    // A key already present is not suggested for another.
    findings(
        "databrain.createWorkspace",
        json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "themeName": "t", "ThemeName": "u"}),
        &[],
        &[("/ThemeName", "unknown_field")],
    );
    let r = check(
        "databrain.createWorkspace",
        &json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "themeName": "t", "ThemeName": "u"}),
    );
    assert!(!message(&r, "/ThemeName").contains("Did you mean"), "{r:#?}");
}

#[test]
fn secrets_never_appear_in_messages() {
    let secret = "S3cr3t-Value-Never-Shown";
    let bodies = [
        body("postgres", json!({"name": "p", "password": 1234567, "pasword": secret})),
        body("mssql", json!({"name": "m", "password": [secret], "host": secret})),
        body("snowflake", json!({"name": "s", "privateKey": {"k": secret}, "authenticationMethod": "key-pair"})),
        body("athena", json!({"name": "a", "secretAccessKey": true, "secretAccesKey": secret})),
    ];
    for b in bodies {
        let r = check("databrain.updateDatasource", &b);
        let all = format!("{r:?}{}", r.to_json_string());
        assert!(!all.contains(secret), "secret leaked: {all}");
        assert!(!all.contains("1234567"), "secret number leaked: {all}");
    }
}
