package org.village.testing.archfixture.otherservice;

/** Stands for a class of another service. */
public class Elsewhere {}
