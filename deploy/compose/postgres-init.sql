-- One database and one login role per application (passwords to change outside a laptop: see README, Production).
create role territory login password 'territory';
create database territory owner territory;
create role contract login password 'contract';
create database contract owner contract;
create role measure login password 'measure';
create database measure owner measure;
create role funding login password 'funding';
create database funding owner funding;
create role webhook login password 'webhook';
create database webhook owner webhook;
create role gateway login password 'gateway';
create database gateway owner gateway;
