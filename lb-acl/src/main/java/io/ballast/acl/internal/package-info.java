/** Implementation of the ACL language; not an API. Sub-packages follow HAProxy's layout: samples, fetches, converters, patterns, conditions. */
package io.ballast.acl.internal;
