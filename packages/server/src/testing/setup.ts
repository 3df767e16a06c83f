/** Decorator metadata must be available before any entity or GraphQL type is loaded. */
import 'reflect-metadata';
