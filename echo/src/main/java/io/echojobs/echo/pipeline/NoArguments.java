package io.echojobs.echo.pipeline;

/** The arguments of scheduled catch-up actors, which take none. */
public record NoArguments() {}
