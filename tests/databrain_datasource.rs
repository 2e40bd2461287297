//! `PUT /api/v2/datasource` and `POST /api/v2/datasource`: the body, every `datasourceType`,
//! the credential rules the docs confirm, and `tenancySettings`.

mod common;
use common::{check, issues, message, valid, warnings};
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
    let r = check(
        "databrain.updateDatasource",
        &body("mssql", json!({"name": "ms", "host": "sql", "username": "sa", "password": "p"})),
    );
    let issues_: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert_eq!(issues_, [("/credentials/host", "not_allowed"), ("/credentials/username", "not_allowed")]);
    let warns: Vec<(&str, &str)> = r.warnings.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert_eq!(warns, [("/credentials/server", "required"), ("/credentials/user", "required")]);
    assert_eq!(
        message(&r, "/credentials/host"),
        "credentials.host is not used for this datasource type: send credentials.server instead."
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
                json!({"name": "e", "server_type": "elastic-cloud", "cloudId": "c", "username": "u", "password": "p"}),
            ),
        );
        for st in ["elastic-cloud", "open-cloud"] {
            let r = issues(
                "databrain.updateDatasource",
                body(kind, json!({"name": "e", "server_type": st, "disableAuth": true})),
                &[("/credentials/disableAuth", "not_allowed")],
            );
            assert_eq!(
                message(&r, "/credentials/disableAuth"),
                format!("credentials.disableAuth is only valid when credentials.server_type is \"self-managed\", but credentials.server_type is \"{st}\".")
            );
            // Also when disableAuth is false: the key itself is only valid for self-managed.
            let r = check(
                "databrain.updateDatasource",
                &body(
                    kind,
                    json!({"name": "e", "server_type": st, "disableAuth": false, "username": "u", "password": "p"}),
                ),
            );
            assert_eq!(r.issues.len(), 1, "{r:#?}");
            assert_eq!(r.issues[0].path, "/credentials/disableAuth");
        }
        let r = check("databrain.updateDatasource", &body(kind, json!({"name": "e", "disableAuth": true})));
        assert_eq!(r.issues.len(), 1);
        assert!(r.issues[0].message.ends_with("but credentials.server_type is missing."), "{r:#?}");
        // An invalid server_type is reported once; the rule that depends on it stays silent.
        issues(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "cloud", "disableAuth": true})),
            &[("/credentials/server_type", "invalid_enum")],
        );
        issues(
            "databrain.updateDatasource",
            body(kind, json!({"name": "e", "server_type": "self-managed", "disableAuth": "yes"})),
            &[("/credentials/disableAuth", "invalid_type")],
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
fn tenancy_settings_and_the_body_are_strict() {
    let mut t = table_tenancy();
    t["tablename"] = json!("x");
    let r = issues("databrain.updateDatasource", with_tenancy(t), &[("/tenancySettings/tablename", "unknown_field")]);
    assert!(message(&r, "/tenancySettings/tablename").contains("Did you mean tenancySettings.tableName?"));
    issues(
        "databrain.updateDatasource",
        json!({"datasourceType": "csv", "credentials": {"name": "c"}, "tenancy": {}}),
        &[("/tenancy", "unknown_field")],
    );
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
