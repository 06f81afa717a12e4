from totudocs.cli import main

main(prog_name="totudocs")
