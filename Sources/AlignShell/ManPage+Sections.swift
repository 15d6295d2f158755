/// The parts of align(1) that are about the program rather than its
/// declarations: the language in a paragraph, exit status, environment,
/// files, examples.
extension ManPage {
    static let language = """
        A script is one command a line; # starts a comment; a line that ends in \\ continues on the next; \
        strings are in double quotes. Numbers are written 1200, 2.5, 20k, 2.5M, 1B, 25% (0.25) or -3; \
        periods 2026, 2026-H2, 2026-Q3 or 2026-07; lags 30d, 6w, 2m, 2q or 1y. In a script a command that only \
        changes the workspace prints nothing; answers print on standard output, errors and warnings on \
        standard error.
        """

    static let sections = """
        .SH EXIT STATUS
        .TP
        .B 0
        Success: every command ran; \\fBalign check\\fR found the model aligned; \\fBalign fmt \\-\\-check\\fR found \
        nothing to change.
        .TP
        .B 1
        A command failed (\\fIFILE\\fR:\\fILINE\\fR:\\fICOL\\fR: error: \\fIMESSAGE\\fR on standard error; without \
        \\-\\-keep\\-going the script stopped there), an answer could not be written, \\fBalign check\\fR found what \
        does not align, or \\fBalign fmt\\fR met a file that does not parse or (with \\-\\-check) would change one.
        .TP
        .B 2
        A usage error: the command line itself is wrong.
        .SH ENVIRONMENT
        .TP
        .B NO_COLOR
        When set and not empty, nothing is coloured.
        .TP
        .B TERM
        A terminal of type dumb shows no colour.
        .TP
        .B XDG_CONFIG_HOME
        Where the init file is looked for (default ~/.config).
        .TP
        .B XDG_STATE_HOME
        Where the prompt's history and the journals are kept (default ~/.local/state).
        .TP
        .B HOME
        The folder the defaults above are under.
        .TP
        .B PGPASSWORD
        The password of a postgres source (a line never holds one), read by \\fBpsql\\fR, as are \\fI~/.pgpass\\fR \
        and the other PG variables.
        .SH FILES
        .TP
        .I $XDG_CONFIG_HOME/align/init.align
        Run before anything else, unless \\-q is given (not by \\fBalign check\\fR or \\fBalign fmt\\fR).
        .TP
        .I $XDG_STATE_HOME/align/history
        The lines typed at the prompt, for Up and Ctrl\\-R; mode 0600.
        .TP
        .I $XDG_STATE_HOME/align/journals/
        Every command accepted at the prompt, flushed as it is accepted: \\fBalign \\-\\-recover\\fR restores a \
        session that did not end cleanly.
        .SH EXAMPLES
        .TP
        .B align \\-\\-demo
        The shell, with the reference scenario loaded.
        .TP
        .B align plan.align \\-c 'query consistency 2026\\-Q3'
        Run a script, then ask a question of what it built.
        .TP
        .B align check \\-\\-format junit plan.align > align\\-check.xml
        Check a model in CI; the CI system shows each finding as a failed test.
        .TP
        .B align fmt \\-\\-check *.align
        Name the scripts that are not laid out canonically, as a pre\\-commit hook or a CI step would.
        .SH SEE ALSO
        Inside align, \\fBhelp\\fR lists the commands and \\fBhelp\\fR \\fICOMMAND\\fR explains one.

        """
}
