/// The SQL functions a query may call: arithmetic, text, dates, aggregates and window
/// functions that exist in both SQLite and PostgreSQL (or in one of them, harmlessly).
///
/// Everything else is refused, by the guard on both backends and again by SQLite's
/// authorizer. Left out on purpose: anything that reads files or settings (`readfile`,
/// `pg_read_file`, `current_setting`), loads code (`load_extension`), sleeps (`pg_sleep`),
/// allocates at will (`zeroblob`, `randomblob`, `repeat`, `generate_series`), or reveals
/// the server (`sqlite_version`, `version`, `inet_server_addr`).
public enum FunctionAllowList {
    public static let standard: Set<String> = [
        // Aggregates.
        "count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg", "stddev", "stddev_pop",
        "stddev_samp", "variance", "var_pop", "var_samp", "bool_and", "bool_or", "every", "median",
        "percentile_cont", "percentile_disc", "mode", "corr", "covar_pop", "covar_samp",
        // Window functions.
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "last_value", "nth_value",
        // Numbers.
        "abs", "round", "ceil", "ceiling", "floor", "trunc", "sign", "sqrt", "power", "pow", "exp", "ln",
        "log", "log10", "log2", "mod", "pi", "greatest", "least", "width_bucket",
        // Text.
        "lower", "upper", "length", "char_length", "character_length", "octet_length", "substr",
        "substring", "trim", "ltrim", "rtrim", "btrim", "replace", "instr", "strpos", "position", "concat",
        "concat_ws", "left", "right", "lpad", "rpad", "initcap", "reverse", "split_part", "printf", "format",
        "quote", "unicode", "char", "chr", "ascii", "hex", "translate", "starts_with",
        // Conditionals and types.
        // `LIKE` and `GLOB` reach SQLite's authorizer as functions.
        "like", "glob",
        "coalesce", "ifnull", "nullif", "iif", "typeof", "random", "now",
        // Dates and times.
        "date", "time", "datetime", "julianday", "unixepoch", "strftime", "to_timestamp", "to_char",
        "date_trunc", "date_part", "age", "make_date", "make_interval", "to_date", "timezone",
        // JSON reading.
        "json_extract", "json_array_length", "json_type", "json_valid", "json_object", "json_array",
        "jsonb_extract_path_text", "json_extract_path_text", "json_build_object", "json_agg", "jsonb_agg",
    ]
}
