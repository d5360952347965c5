/**
 * The code of docs/hibernate.md, as a newcomer copies it: entities, bootstrap, and (in the test
 * resources) cairn.conf. {@code HibernateGuideTest} runs it and checks that the guide shows exactly
 * these files; it is compiled against Hibernate 6.6 here and Hibernate 7 in the hibernate7 module.
 */
package com.example;
