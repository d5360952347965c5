/**
 * The code of docs/spring.md, as a newcomer copies it: application, service, value, and (in the
 * test resources) application.properties and cairn.conf. {@code SpringGuideTest} runs it and checks
 * that the guide shows exactly these files.
 */
package com.example;
