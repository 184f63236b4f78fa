// AureusTestSupport
