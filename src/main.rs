fn main() -> std::process::ExitCode {
    kartei::cli::main()
}
